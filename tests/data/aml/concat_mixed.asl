// name: Concatenate converts the second operand to the type of the first: Integer+String, Integer+Integer, Buffer+Integer, Buffer+Buffer
// expect: Package(4) {Buffer(16) {12 00 00 00 00 00 00 00 AB 00 00 00 00 00 00 00}, Buffer(16) {12 00 00 00 00 00 00 00 34 00 00 00 00 00 00 00}, Buffer(9) {01 12 00 00 00 00 00 00 00}, Buffer(3) {01 02 03}}
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Method (MAIN, 0)
    {
        Local0 = 0x12
        Local1 = Buffer () { 1 }
        Local7 = Package (4) {}
        Local7[0] = Concatenate (Local0, "ab")
        Local7[1] = Concatenate (Local0, 0x34)
        Local7[2] = Concatenate (Local1, Local0)
        Local7[3] = Concatenate (Local1, Buffer () { 2, 3 })
        Return (Local7)
    }
}
