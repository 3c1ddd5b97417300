// name: Store into a String name converts an integer to hex digits; into a Buffer name copies and pads to its size
// expect: Package(3) {"0000000000000041", Buffer(4) {41 42 00 00}, Buffer(4) {02 01 00 00}}
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Name (STR1, "abc")
    Name (BUF1, Buffer (4) { 9, 9, 9, 9 })
    Name (BUF2, Buffer (4) { 9, 9, 9, 9 })
    Method (MAIN, 0)
    {
        STR1 = 0x41
        BUF1 = "AB"
        BUF2 = 0x0102
        Local7 = Package (3) {}
        Local7[0] = STR1
        Local7[1] = BUF1
        Local7[2] = BUF2
        Return (Local7)
    }
}
