// name: a named Package or Buffer passed as an argument is the object itself: a store through Index in the callee changes it
// expect: Package(2) {Package(2) {0x9, 0x2}, Buffer(2) {09 02}}
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Name (PKG, Package () { 1, 2 })
    Name (BUF, Buffer () { 1, 2 })
    Method (MODI, 1)
    {
        Arg0[0] = 9
    }
    Method (MAIN, 0)
    {
        MODI (PKG)
        MODI (BUF)
        Local7 = Package (2) {}
        Local7[0] = PKG
        Local7[1] = BUF
        Return (Local7)
    }
}
