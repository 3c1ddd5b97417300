// name: a VarPackage whose run-time count is below its initialisers keeps only that many
// expect: Package(1) {0x1}
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Method (MAIN, 0)
    {
        Local0 = 1
        Local1 = Package (Local0) { 1, 2, 3 }
        Return (Local1)
    }
}
