// name: 0xFFFFFFFF + 1 is 0 and Ones is 0xFFFFFFFF in a revision-1 table
// expect: Package(3) {0x0, 0xFFFFFFFF, 0xFFFFFFFE}
DefinitionBlock ("", "DSDT", 1, "HOTMEM", "ORACLE", 1)
{
    // Results go through a Local before they enter the package: ACPICA
    // does not cut an integer stored straight into a package element to
    // 32 bits (it does when the value is read back), so returning such a
    // package shows 0x100000000 there.  The Local store is well defined.
    Method (MAIN, 0)
    {
        Local7 = Package (3) {}
        Local0 = 0xFFFFFFFF
        Local1 = Local0 + 1
        Local7[0] = Local1
        Local2 = Ones
        Local7[1] = Local2
        Local3 = 0x7FFFFFFF
        Local4 = Local3 * 2
        Local7[2] = Local4
        Return (Local7)
    }
}
