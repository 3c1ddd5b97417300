// name: Store converts to the Name's type; CopyObject replaces the type
// expect: Package(4) {0x12, 0x1, "12", 0x2}
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Name (INTA, 5)
    Name (INTB, 5)
    Method (MAIN, 0)
    {
        Store ("12", INTA)
        CopyObject ("12", INTB)
        Local7 = Package (4) {}
        Local7[0] = INTA
        Local7[1] = ObjectType (INTA)
        Local7[2] = INTB
        Local7[3] = ObjectType (INTB)
        Return (Local7)
    }
}
