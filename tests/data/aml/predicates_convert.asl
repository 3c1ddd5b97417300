// name: If, While, LAnd and LOr take Strings and Buffers as integers: "1" is true, "0" and Buffer {0} false, While on a Buffer
// expect: Package(4) {0x1, 0x0, 0x0, 0x3}
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Method (MAIN, 0)
    {
        Local7 = Package (4) { 0, 0, 0, 0 }
        Local0 = "1"
        If (Local0) {
            Local7[0] = 1
        }
        Local1 = "0"
        Local2 = Buffer () { 0 }
        Local7[1] = (Local1 && 1)
        Local7[2] = (Local2 || 0)
        Local3 = Buffer () { 3 }
        Local4 = 0
        While (Local3) {
            Local3 = ToInteger (Local3) - 1
            Local4++
        }
        Local7[3] = Local4
        Return (Local7)
    }
}
