// name: Concatenate of two integers in a revision-1 table gives 4 + 4 bytes
// expect: Buffer(8) {78 56 34 12 21 43 65 87}
DefinitionBlock ("", "DSDT", 1, "HOTMEM", "ORACLE", 1)
{
    Method (MAIN, 0)
    {
        Local0 = 0x12345678
        Local1 = 0x87654321
        Return (Concatenate (Local0, Local1))
    }
}
