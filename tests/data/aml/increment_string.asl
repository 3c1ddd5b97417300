// name: Increment of a Local holding a String converts it (hex) and leaves an Integer
// expect: 0x20
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Method (MAIN, 0)
    {
        Local0 = "1F"
        Local0++
        Return (Local0)
    }
}
