// name: a Name declared inside an If inside a method (QEMU's MR32), returned as a copy
// expect: Package(2) {Buffer(3) {01 02 2A}, "no"}
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Method (MAYB, 1, Serialized)
    {
        If (Arg0 == 1) {
            Name (BUF, Buffer () { 1, 2, 3 })
            CreateByteField (BUF, 2, LAST)
            LAST = 42
            Return (BUF)
        }
        Return ("no")
    }
    Method (MAIN, 0)
    {
        Local7 = Package (2) {}
        Local7[0] = MAYB (1)
        Local7[1] = MAYB (0)
        Return (Local7)
    }
}
