from foitrack.cli import main

main()
