// name: storing into an Arg that holds a package replaces the Arg, not the caller's package
// expect: Package(2) {0x5, Package(1) {0x1}}
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Name (PKG, Package () { 1 })
    Method (REPL, 1)
    {
        Arg0 = 5
        Return (Arg0)
    }
    Method (MAIN, 0)
    {
        Local0 = REPL (PKG)
        Local7 = Package (2) {}
        Local7[0] = Local0
        Local7[1] = PKG
        Return (Local7)
    }
}
