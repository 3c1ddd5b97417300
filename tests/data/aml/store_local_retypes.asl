// name: storing into a Local replaces its value and type; a buffer copy is independent
// expect: Package(3) {"now a string", Buffer(2) {01 02}, Buffer(2) {07 02}}
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Method (MAIN, 0)
    {
        Local0 = 5
        Local0 = "now a string"
        Local1 = Buffer () { 1, 2 }
        Local2 = Local1
        Local2[0] = 7
        Local7 = Package (3) {}
        Local7[0] = Local0
        Local7[1] = Local1
        Local7[2] = Local2
        Return (Local7)
    }
}
