// name: a package naming data objects holds their values; uninitialised elements are None
// expect: Package(5) {0x5, "str", Buffer(2) {01 02}, None, None}
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Name (INT1, 5)
    Name (STR1, "str")
    Name (BUF1, Buffer () { 1, 2 })
    Name (PKG, Package (5) { INT1, STR1, BUF1 })
    Method (MAIN, 0)
    {
        Return (PKG)
    }
}
