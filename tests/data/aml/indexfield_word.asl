// name: a WordAcc IndexField: the byte at offset 3 goes through index 2 and the data word's high byte
// expect: Package(2) {0x2, 0xAB00}
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    OperationRegion (IDX2, SystemIO, 0x0F20, 4)
    Field (IDX2, WordAcc, NoLock, Preserve)
    {
        IDX, 16,
        DAT, 16
    }
    IndexField (IDX, DAT, WordAcc, NoLock, Preserve)
    {
        R0, 16,
        R1, 8,
        R2, 8
    }
    Method (MAIN, 0)
    {
        R2 = 0xAB
        Local7 = Package (2) {}
        Local7[0] = IDX
        Local7[1] = DAT
        Return (Local7)
    }
}
