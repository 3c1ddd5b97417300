// name: storing a package into a Local copies it: changing the copy leaves the named package alone
// expect: Package(2) {Package(2) {0x1, 0x2}, Package(2) {0x63, 0x2}}
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Name (PKG, Package () { 1, 2 })
    Method (MAIN, 0)
    {
        Local1 = PKG
        Local1[0] = 99
        Local7 = Package (2) {}
        Local7[0] = PKG
        Local7[1] = Local1
        Return (Local7)
    }
}
