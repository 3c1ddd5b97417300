// name: DerefOf(Index()) of a string and a buffer gives the byte as an integer; Store through Index writes it
// expect: Package(3) {0x43, 0x3, Buffer(4) {01 02 FF 04}}
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Method (MAIN, 0)
    {
        Local0 = "ABCD"
        Local1 = Buffer () { 1, 2, 3, 4 }
        Local7 = Package (3) {}
        Local7[0] = DerefOf (Local0[2])
        Local7[1] = DerefOf (Index (Local1, 2))
        Local1[2] = 0x1FF
        Local7[2] = Local1
        Return (Local7)
    }
}
