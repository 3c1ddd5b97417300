// name: a one-bit store under WriteAsZeros writes just that bit, under WriteAsOnes sets the others, under Preserve keeps them
// expect: Package(3) {0x8, 0xF7, 0xF0}
DefinitionBlock ("", "DSDT", 1, "HOTMEM", "ORACLE", 1)
{
    OperationRegion (CTRL, SystemIO, 0x0B00, 4)
    Field (CTRL, ByteAcc, NoLock, Preserve)
    {
        BYT0, 8,
        BYT1, 8,
        BYT2, 8
    }
    // The same bit 3 of each byte, under three update rules.
    Field (CTRL, ByteAcc, NoLock, WriteAsZeros)
    {
        , 3,
        EJ0, 1
    }
    Field (CTRL, ByteAcc, NoLock, WriteAsOnes)
    {
        Offset (1),
        , 3,
        EJ1, 1
    }
    Field (CTRL, ByteAcc, NoLock, Preserve)
    {
        Offset (2),
        , 3,
        EJ2, 1
    }
    Method (MAIN, 0)
    {
        BYT0 = 0xFF
        BYT1 = 0x00
        BYT2 = 0xF8
        EJ0 = 1
        EJ1 = 0
        EJ2 = 0
        Local7 = Package (3) {}
        Local7[0] = BYT0
        Local7[1] = BYT1
        Local7[2] = BYT2
        Return (Local7)
    }
}
