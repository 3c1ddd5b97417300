// name: BankField selects its bank by writing the bank register before the access
// expect: Package(3) {0x2, 0x77, 0x77}
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    OperationRegion (BNKR, SystemIO, 0x0D00, 4)
    Field (BNKR, ByteAcc, NoLock, Preserve)
    {
        BNK, 8,
        DAT, 8
    }
    BankField (BNKR, BNK, 2, ByteAcc, NoLock, Preserve)
    {
        Offset (1),
        BF2, 8
    }
    Method (MAIN, 0)
    {
        BNK = 0
        BF2 = 0x77
        Local7 = Package (3) {}
        Local7[0] = BNK
        Local7[1] = DAT
        Local7[2] = BF2
        Return (Local7)
    }
}
