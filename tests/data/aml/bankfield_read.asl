// name: reading a BankField also selects its bank first
// expect: Package(2) {0x3, 0x44}
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    OperationRegion (BNKR, SystemIO, 0x0F30, 4)
    Field (BNKR, ByteAcc, NoLock, Preserve)
    {
        BNK, 8,
        DAT, 8
    }
    BankField (BNKR, BNK, 3, ByteAcc, NoLock, Preserve)
    {
        Offset (1),
        BF3, 8
    }
    Method (MAIN, 0)
    {
        BNK = 0
        DAT = 0x44
        Local0 = BF3
        Local7 = Package (2) {}
        Local7[0] = BNK
        Local7[1] = Local0
        Return (Local7)
    }
}
