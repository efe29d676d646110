from yzdocs.cli import main

main()
