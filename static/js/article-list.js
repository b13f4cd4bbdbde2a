// The article list's filter menus: one open at a time, closed by Escape or a click elsewhere; a long menu (기자)
// narrows to the names that hold what is typed, and Enter picks the first of them.
'use strict';
{
    const menus = [...document.querySelectorAll('.filter-menu')];

    menus.forEach((menu) => {
        const find = menu.querySelector('.filter-menu-find');
        menu.addEventListener('toggle', () => {
            if (!menu.open) {
                return;
            }
            menus.forEach((other) => {
                if (other !== menu) {
                    other.open = false;
                }
            });
            if (find) {
                find.focus();
            }
        });
        if (!find) {
            return;
        }
        find.hidden = false;
        const items = [...menu.querySelectorAll('li')];
        const shown = () => items.filter((item, i) => i > 0 && !item.hidden);
        find.addEventListener('input', () => {
            const typed = find.value.trim().toLowerCase();
            items.forEach((item, i) => {
                item.hidden = i > 0 && typed !== '' && !item.textContent.toLowerCase().includes(typed);
            });
        });
        find.addEventListener('keydown', (event) => {
            const first = shown()[0];
            if (event.key === 'Enter' && first) {
                event.preventDefault();
                first.querySelector('a').click();
            }
        });
    });

    document.addEventListener('click', (event) => {
        menus.forEach((menu) => {
            if (menu.open && !menu.contains(event.target)) {
                menu.open = false;
            }
        });
    });

    document.addEventListener('keydown', (event) => {
        if (event.key !== 'Escape') {
            return;
        }
        menus.forEach((menu) => {
            if (menu.open) {
                menu.open = false;
                menu.querySelector('summary').focus();
            }
        });
    });
}
