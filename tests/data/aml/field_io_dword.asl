// name: DWordAcc fields in a SystemIO region, as QEMU's MHPD block: write MSEL, read it back through MRBL
// expect: Package(3) {0x5, 0x12345678, 0x0}
DefinitionBlock ("", "DSDT", 1, "HOTMEM", "ORACLE", 1)
{
    OperationRegion (HPMR, SystemIO, 0x0A00, 0x18)
    Field (HPMR, DWordAcc, NoLock, Preserve)
    {
        MRBL, 32,
        MRBH, 32,
        MRLL, 32
    }
    Field (HPMR, DWordAcc, NoLock, Preserve)
    {
        MSEL, 32,
        MOEV, 32
    }
    Method (MAIN, 0)
    {
        MSEL = 5
        MOEV = 0x12345678
        Local7 = Package (3) {}
        Local7[0] = MRBL
        Local7[1] = MRBH
        Local7[2] = MRLL
        Return (Local7)
    }
}
