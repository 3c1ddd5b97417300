// name: a Buffer or String stored into a buffer field is cut to its width; an Integer into a 3-bit field keeps 3 bits
// expect: Package(3) {Buffer(4) {00 11 22 00}, Buffer(4) {41 42 00 00}, 0x38}
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Method (MAIN, 0)
    {
        Local0 = Buffer (4) {}
        CreateWordField (Local0, 1, WRD)
        WRD = Buffer () { 0x11, 0x22, 0x33 }
        Local1 = Buffer (4) {}
        CreateDWordField (Local1, 0, DWD)
        DWD = "AB"
        Local2 = Buffer (2) {}
        CreateField (Local2, 3, 3, BF3)
        BF3 = 0xFF
        CreateWordField (Local2, 0, WRD2)
        Local7 = Package (3) {}
        Local7[0] = Local0
        Local7[1] = Local1
        Local7[2] = WRD2
        Return (Local7)
    }
}
