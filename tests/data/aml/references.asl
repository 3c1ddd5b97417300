// name: an Index reference sees a later store into the package; Index with a target; RefOf a Local written by the callee
// expect: Package(3) {0x9, "b", 0x33}
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Name (PKG1, Package () { 1, 2, 3 })
    Name (PKG2, Package () { "a", "b" })
    Method (SETR, 1)
    {
        Arg0 = 0x33
    }
    Method (MAIN, 0)
    {
        Local0 = Index (PKG1, 1)
        PKG1[1] = 9
        Index (PKG2, 1, Local1)
        Local2 = 1
        SETR (RefOf (Local2))
        Local7 = Package (3) {}
        Local7[0] = DerefOf (Local0)
        Local7[1] = DerefOf (Local1)
        Local7[2] = Local2
        Return (Local7)
    }
}
