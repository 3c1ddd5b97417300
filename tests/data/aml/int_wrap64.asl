// name: integer arithmetic wraps at 64 bits in a revision-2 table
// expect: 0xFFFFFFFFFFFFFFFF
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Method (MAIN, 0)
    {
        Local0 = 0
        Local0--
        Return (Local0)
    }
}
