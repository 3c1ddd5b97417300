// name: ToInteger of a hex string of 18 digits in a revision-2 table keeps the first 16
// expect: 0x123456789ABCDEF0
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Method (MAIN, 0)
    {
        Local0 = "0x123456789ABCDEF012"
        Return (ToInteger (Local0))
    }
}
