// name: a 64-bit constant in a revision-1 table is cut to its low 32 bits
// expect: 0x23456789
DefinitionBlock ("", "DSDT", 1, "HOTMEM", "ORACLE", 1)
{
    Name (BIG, 0x123456789)
    Method (MAIN, 0)
    {
        Return (BIG)
    }
}
