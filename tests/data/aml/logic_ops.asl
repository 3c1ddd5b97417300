// name: the logical operators give Ones or Zero (64-bit Ones in a revision-2 table)
// expect: Package(9) {0xFFFFFFFFFFFFFFFF, 0x0, 0xFFFFFFFFFFFFFFFF, 0x0, 0xFFFFFFFFFFFFFFFF, 0xFFFFFFFFFFFFFFFF, 0x0, 0xFFFFFFFFFFFFFFFF, 0xFFFFFFFFFFFFFFFF}
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Method (MAIN, 0)
    {
        Local0 = 3
        Local1 = 5
        Local7 = Package (9) {}
        Local7[0] = (Local0 < Local1)
        Local7[1] = (Local0 > Local1)
        Local7[2] = (Local0 != Local1)
        Local7[3] = (Local0 == Local1)
        Local7[4] = (Local0 <= 3)
        Local7[5] = (Local1 >= 5)
        Local7[6] = (Local0 && 0)
        Local7[7] = (Local0 || 0)
        Local7[8] = !0
        Return (Local7)
    }
}
