// name: Concatenate of a String and a Buffer gives a String ("0x01 0xAB" form); of a Buffer and a String a Buffer (the string's NUL included)
// expect: Package(2) {"x0x01 0xAB", Buffer(4) {01 41 42 00}}
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Method (MAIN, 0)
    {
        Local0 = Buffer () { 1, 0xAB }
        Local1 = Buffer () { 1 }
        Local7 = Package (2) {}
        Local7[0] = Concatenate ("x", Local0)
        Local7[1] = Concatenate (Local1, "AB")
        Return (Local7)
    }
}
