// name: LEqual, LLess and LGreater compare buffers byte by byte, a longer buffer with an equal prefix is greater
// expect: Package(3) {0xFFFFFFFFFFFFFFFF, 0xFFFFFFFFFFFFFFFF, 0xFFFFFFFFFFFFFFFF}
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Method (MAIN, 0)
    {
        Local0 = Buffer () { 1, 2, 3 }
        Local1 = Buffer () { 1, 2, 4 }
        Local7 = Package (3) {}
        Local7[0] = (Local0 == Buffer () { 1, 2, 3 })
        Local7[1] = (Local0 < Local1)
        Local7[2] = (Local1 > Buffer () { 1, 2, 3, 0 })
        Return (Local7)
    }
}
