// name: ToBuffer of a string keeps its NUL; of an integer gives 8 bytes little-endian (revision 2)
// expect: Package(3) {Buffer(3) {41 42 00}, Buffer(8) {02 01 00 00 00 00 00 00}, Buffer(2) {05 06}}
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Method (MAIN, 0)
    {
        Local0 = "AB"
        Local1 = 0x0102
        Local2 = Buffer () { 5, 6 }
        Local7 = Package (3) {}
        Local7[0] = ToBuffer (Local0)
        ToBuffer (Local1, Local3)
        Local7[1] = Local3
        Local7[2] = ToBuffer (Local2)
        Return (Local7)
    }
}
