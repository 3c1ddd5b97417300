// name: implicit conversions at their edges: "12G4" stops at G, "" is 0, a 6-byte buffer gives 4 bytes (revision 1), a 1-byte buffer
// expect: Package(4) {0x12, 0x5, 0x4030201, 0x12}
DefinitionBlock ("", "DSDT", 1, "HOTMEM", "ORACLE", 1)
{
    Method (MAIN, 0)
    {
        Local0 = "12G4"
        Local1 = ""
        Local2 = Buffer () { 1, 2, 3, 4, 5, 6 }
        Local3 = Buffer () { 0x12 }
        Local4 = Local0 + 0
        Local5 = Local1 + 5
        Local6 = Local2 + 0
        Local7 = Package (4) {}
        Local7[0] = Local4
        Local7[1] = Local5
        Local7[2] = Local6
        Local6 = ToInteger (Local3)
        Local7[3] = Local6
        Return (Local7)
    }
}
