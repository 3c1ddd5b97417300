// name: a package naming a device or a method holds a reference to it
// expect: Package(3) {Reference(\_SB_.DEV0), Reference(\HELO), 0x1}
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Scope (\_SB) {
        Device (DEV0) {
            Name (_HID, "HOTM0001")
        }
    }
    Method (HELO, 0) { Return (1) }
    Name (PKG, Package () { \_SB.DEV0, HELO, 1 })
    Method (MAIN, 0)
    {
        Return (PKG)
    }
}
