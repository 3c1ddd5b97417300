// name: ToBuffer of "" is one NUL byte; Mid past the end is empty; ToString with a length past the data; ToDecimalString of a String
// expect: Package(4) {Buffer(1) {00}, Buffer(0) {}, "ABC", "123"}
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Method (MAIN, 0)
    {
        Local0 = ""
        Local1 = Buffer () { 1, 2 }
        Local2 = Buffer () { 0x41, 0x42, 0x43 }
        Local3 = "123"
        Local7 = Package (4) {}
        Local7[0] = ToBuffer (Local0)
        Local7[1] = Mid (Local1, 5, 1)
        Local7[2] = ToString (Local2, 10)
        Local7[3] = ToDecimalString (Local3)
        Return (Local7)
    }
}
