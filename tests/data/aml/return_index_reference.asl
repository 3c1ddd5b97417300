// name: returning Index() of a package gives the element's value
// expect: 0x2
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Name (PKG, Package () { 1, 2 })
    Method (MAIN, 0)
    {
        Return (Index (PKG, 1))
    }
}
