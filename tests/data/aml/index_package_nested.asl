// name: Index and DerefOf through nested packages, and a store into an inner package
// expect: Package(3) {"b2", 0x63, Package(2) {0x1, Package(2) {"b1", 0x63}}}
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Name (PKG, Package () { 1, Package () { "b1", "b2" } })
    Method (MAIN, 0)
    {
        Local7 = Package (3) {}
        Local0 = DerefOf (PKG[1])
        Local7[0] = DerefOf (Local0[1])
        Local0[1] = 99
        PKG[1] = Local0
        Local7[1] = DerefOf (DerefOf (PKG[1])[1])
        Local7[2] = PKG
        Return (Local7)
    }
}
