// name: ToString stops at the first NUL or at the length given
// expect: Package(3) {"AB", "A", ""}
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Method (MAIN, 0)
    {
        Local0 = Buffer () { 0x41, 0x42, 0x00, 0x43 }
        Local1 = Buffer () { 0x00, 0x41 }
        Local7 = Package (3) {}
        Local7[0] = ToString (Local0)
        Local7[1] = ToString (Local0, 1)
        Local7[2] = ToString (Local1, Ones)
        Return (Local7)
    }
}
