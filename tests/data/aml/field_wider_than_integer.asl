// name: a 72-bit buffer field and a 33-bit field unit in a revision-1 table read as Buffers
// expect: Package(2) {Buffer(9) {02 03 04 05 06 07 08 09 0A}, Buffer(5) {FF FF FF FF 00}}
DefinitionBlock ("", "DSDT", 1, "HOTMEM", "ORACLE", 1)
{
    OperationRegion (RR, SystemMemory, 0x10003000, 8)
    Field (RR, ByteAcc, NoLock, Preserve)
    {
        F33, 33
    }
    Method (MAIN, 0)
    {
        Local0 = Buffer (16) { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 }
        CreateField (Local0, 8, 72, WIDE)
        F33 = 0xFFFFFFFF
        Local7 = Package (2) {}
        Local7[0] = WIDE
        Local7[1] = F33
        Return (Local7)
    }
}
