// name: SizeOf of a string (no NUL), a buffer, a package, and through a name
// expect: Package(4) {0x5, 0xA, 0x3, 0x7}
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Name (STR7, "PNP0C80")
    Method (MAIN, 0)
    {
        Local0 = "hello"
        Local1 = Buffer (10) {}
        Local2 = Package () { 1, "two", Package () { 3 } }
        Local7 = Package (4) {}
        Local7[0] = SizeOf (Local0)
        Local7[1] = SizeOf (Local1)
        Local7[2] = SizeOf (Local2)
        Local7[3] = SizeOf (STR7)
        Return (Local7)
    }
}
