// name: a method writes through RefOf passed as an argument
// expect: 0xB
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Name (CNT, 10)
    Method (INCR, 1)
    {
        Arg0 = DerefOf (Arg0) + 1
    }
    Method (MAIN, 0)
    {
        INCR (RefOf (CNT))
        Return (CNT)
    }
}
