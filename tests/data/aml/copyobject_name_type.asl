// name: CopyObject of a Buffer into an Integer name makes it a Buffer; Return of a package from inside a While
// expect: Package(2) {Buffer(2) {01 02}, Package(2) {0x3, "three"}}
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Name (VAL, 1)
    Method (LOOP, 0)
    {
        Local0 = 0
        While (1) {
            Local0++
            If (Local0 == 3) {
                Return (Package () { 3, "three" })
            }
        }
    }
    Method (MAIN, 0)
    {
        CopyObject (Buffer () { 1, 2 }, VAL)
        Local7 = Package (2) {}
        Local7[0] = VAL
        Local7[1] = LOOP ()
        Return (Local7)
    }
}
