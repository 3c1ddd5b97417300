// name: Mod, ShiftLeft and ShiftRight, shifting by the width or more gives 0
// expect: Package(6) {0x2, 0x80000000, 0x0, 0x1, 0x0, 0x3FFFFFFF}
DefinitionBlock ("", "DSDT", 1, "HOTMEM", "ORACLE", 1)
{
    Method (MAIN, 0)
    {
        Local7 = Package (6) {}
        Local0 = 100
        Local7[0] = Local0 % 7
        Local1 = 1
        Local7[1] = Local1 << 31
        Local7[2] = Local1 << 32
        Local2 = 0x80000000
        Local7[3] = Local2 >> 31
        Local7[4] = Local2 >> 40
        Local3 = 0xFFFFFFFF
        Local7[5] = Local3 >> 2
        Return (Local7)
    }
}
