// name: ObjectType of an integer, string, buffer, package, device, method, mutex, region, field, buffer field
// expect: Package(10) {0x1, 0x2, 0x3, 0x4, 0x6, 0x8, 0x9, 0xA, 0x5, 0xE}
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Name (INT1, 1)
    Name (STR1, "s")
    Name (BUF1, Buffer (4) {})
    Name (PKG1, Package () { 1 })
    Device (DEV1) { }
    Method (MTH1, 0) { Return (0) }
    Mutex (MTX1, 0)
    OperationRegion (REG1, SystemMemory, 0x100000, 0x10)
    Field (REG1, ByteAcc, NoLock, Preserve) { FLD1, 8 }
    CreateByteField (BUF1, 0, BFD1)
    Method (MAIN, 0)
    {
        Local7 = Package (10) {}
        Local7[0] = ObjectType (INT1)
        Local7[1] = ObjectType (STR1)
        Local7[2] = ObjectType (BUF1)
        Local7[3] = ObjectType (PKG1)
        Local7[4] = ObjectType (DEV1)
        Local7[5] = ObjectType (MTH1)
        Local7[6] = ObjectType (MTX1)
        Local7[7] = ObjectType (REG1)
        Local7[8] = ObjectType (FLD1)
        Local7[9] = ObjectType (BFD1)
        Return (Local7)
    }
}
