// name: a package nested 24 deep is copied into a Local and walked down with DerefOf (hotmem copies up to 32 levels)
// expect: 0x1807
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Name (PKG, Package () { 1, Package () { 1, Package () { 1, Package () { 1, Package () { 1, Package () { 1, Package () { 1, Package () { 1, Package () { 1, Package () { 1, Package () { 1, Package () { 1, Package () { 1, Package () { 1, Package () { 1, Package () { 1, Package () { 1, Package () { 1, Package () { 1, Package () { 1, Package () { 1, Package () { 1, Package () { 1, Package () { 1, 7 } } } } } } } } } } } } } } } } } } } } } } } })
    Method (MAIN, 0)
    {
        Local0 = PKG
        Local1 = 0
        While (ObjectType (Local0) == 4) {
            Local0 = DerefOf (Local0[1])
            Local1++
        }
        Return ((Local1 * 0x100) + Local0)
    }
}
