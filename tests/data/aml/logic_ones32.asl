// name: a true comparison is 0xFFFFFFFF in a revision-1 table
// expect: 0xFFFFFFFF
DefinitionBlock ("", "DSDT", 1, "HOTMEM", "ORACLE", 1)
{
    Method (MAIN, 0)
    {
        Local0 = 1
        Return (Local0 == 1)
    }
}
