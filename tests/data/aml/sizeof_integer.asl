// name: SizeOf an Integer is the integer width in bytes (4 in a revision-1 table), as in ACPICA
// expect: 0x4
DefinitionBlock ("", "DSDT", 1, "HOTMEM", "ORACLE", 1)
{
    Method (MAIN, 0)
    {
        Local0 = 5
        Return (SizeOf (Local0))
    }
}
