// name: Store converts for typed names: Buffer into a String name ("0x41 0x42"), Integer and String into 2-byte Buffer names (cut to size)
// expect: Package(3) {"0x41 0x42", Buffer(2) {44 33}, Buffer(2) {41 42}}
DefinitionBlock ("", "DSDT", 1, "HOTMEM", "ORACLE", 1)
{
    Name (STR1, "xxxx")
    Name (BUF1, Buffer (2) {})
    Name (BUF2, Buffer (2) { 9, 9 })
    Method (MAIN, 0)
    {
        STR1 = Buffer () { 0x41, 0x42 }
        BUF1 = 0x11223344
        BUF2 = "ABCD"
        Local7 = Package (3) {}
        Local7[0] = STR1
        Local7[1] = BUF1
        Local7[2] = BUF2
        Return (Local7)
    }
}
