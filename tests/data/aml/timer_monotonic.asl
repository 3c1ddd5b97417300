// name: Timer never goes backwards
// expect: 0xFFFFFFFFFFFFFFFF
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Method (MAIN, 0)
    {
        Local0 = Timer
        Local1 = Timer
        Return (Local1 >= Local0)
    }
}
