// name: CreateBit/Byte/Word/DWord/QWordField and CreateField write into the buffer and read back
// expect: Package(3) {Buffer(20) {01 AA BB 00 DD CC 00 00 44 33 22 11 88 77 66 55 44 33 22 F1}, 0x11223344, 0x1}
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Method (MAIN, 0)
    {
        Local0 = Buffer (20) {}
        CreateBitField (Local0, 0, BIT0)
        CreateByteField (Local0, 1, BYT1)
        CreateWordField (Local0, 2, WRD2)
        CreateDWordField (Local0, 4, DWD4)
        CreateDWordField (Local0, 8, DWD8)
        CreateQWordField (Local0, 12, QWDC)
        CreateField (Local0, 156, 4, NIBL)
        BIT0 = 1
        BYT1 = 0xAA
        WRD2 = 0x00BB
        WRD2 = 0xBB00 >> 8
        DWD4 = 0xCCDD
        DWD8 = 0x11223344
        QWDC = 0x1122334455667788
        NIBL = 0x0F
        Local7 = Package (3) {}
        Local7[0] = Local0
        Local7[1] = DWD8
        Local7[2] = BIT0
        Return (Local7)
    }
}
