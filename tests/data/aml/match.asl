// name: Match finds the first element meeting both tests from a start index; Ones when none
// expect: Package(4) {0x2, 0x4, 0xFFFFFFFFFFFFFFFF, 0x3}
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Name (PKG, Package () { 1, 5, 3, 8, 3, 9 })
    Method (MAIN, 0)
    {
        Local7 = Package (4) {}
        Local7[0] = Match (PKG, MEQ, 3, MTR, 0, 0)
        Local7[1] = Match (PKG, MEQ, 3, MTR, 0, 3)
        Local7[2] = Match (PKG, MGT, 9, MTR, 0, 0)
        Local7[3] = Match (PKG, MGE, 6, MLT, 9, 0)
        Return (Local7)
    }
}
