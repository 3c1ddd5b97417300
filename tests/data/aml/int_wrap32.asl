// name: integer arithmetic wraps at 32 bits in a revision-1 table
// expect: 0xFFFFFFFF
DefinitionBlock ("", "DSDT", 1, "HOTMEM", "ORACLE", 1)
{
    Method (MAIN, 0)
    {
        Local0 = 0
        Local0--
        Return (Local0)
    }
}
