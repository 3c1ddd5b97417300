// name: a method's value may be dropped; the call still runs its code
// expect: 0x3
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Name (CNT, 0)
    Method (BUMP, 0)
    {
        CNT++
        Return (CNT)
    }
    Method (MAIN, 0)
    {
        BUMP ()
        BUMP ()
        BUMP ()
        Return (CNT)
    }
}
