// name: ToHexString of an integer (16 digits), of a buffer ("0x.." list), of a string (unchanged)
// expect: Package(3) {"000000000000001A", "0x01,0xAB,0x00", "abc"}
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Method (MAIN, 0)
    {
        Local0 = 0x1A
        Local1 = Buffer () { 0x01, 0xAB, 0x00 }
        Local7 = Package (3) {}
        Local7[0] = ToHexString (Local0)
        Local7[1] = ToHexString (Local1)
        Local7[2] = ToHexString ("abc")
        Return (Local7)
    }
}
