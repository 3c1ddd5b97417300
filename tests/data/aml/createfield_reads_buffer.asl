// name: a field made by CreateField reads as a Buffer whatever its width (ACPICA, for Windows compatibility); CreateByteField as an Integer
// expect: Package(4) {Buffer(1) {01}, Buffer(4) {01 02 03 04}, 0x1, Buffer(1) {07}}
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Method (MAIN, 0)
    {
        Local0 = Buffer (8) { 1, 2, 3, 4, 5, 6, 7, 8 }
        CreateField (Local0, 0, 8, CF8)
        CreateField (Local0, 0, 32, CF32)
        CreateByteField (Local0, 0, CB)
        Local1 = Buffer (2) {}
        CreateField (Local1, 3, 3, CF3)
        CF3 = 0xFF
        Local7 = Package (4) {}
        Local7[0] = CF8
        Local7[1] = CF32
        Local7[2] = CB
        Local7[3] = CF3
        Return (Local7)
    }
}
