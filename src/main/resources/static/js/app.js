/*
 * EduEquity page helpers. Load with <script src="/js/app.js" defer></script>.
 * CSP-safe: no inline handlers; everything is wired through delegated
 * listeners on document, so content added later works too.
 *
 *  (a) .nav-toggle            toggles [data-open] on its nav (aria-controls
 *                             ids, else the .nav in the same .app-header) and
 *                             on the .app-header; keeps aria-expanded in sync;
 *                             Escape closes the menu.
 *  (b) form[data-confirm]     window.confirm(form.dataset.confirm) before submit.
 *  (c) [data-autosubmit]      (a select) submits its form on change.
 *  (d) submit buttons         disabled after the first submit (no double posts);
 *                             re-enabled when the page returns from bfcache.
 *                             Opt out with form[data-allow-resubmit] (e.g. file
 *                             downloads) or a target other than _self.
 */
(function () {
  'use strict';

  var doc = document;
  doc.documentElement.classList.add('js');

  function closest(node, selector) {
    while (node && node.nodeType !== 1) {
      node = node.parentNode;
    }
    return node && node.closest ? node.closest(selector) : null;
  }

  /* ---------- (a) navigation toggle ---------- */
  function navTargets(button) {
    var targets = [];
    var ids = (button.getAttribute('aria-controls') || '').split(/\s+/);
    ids.forEach(function (id) {
      var el = id ? doc.getElementById(id) : null;
      if (el) {
        targets.push(el);
      }
    });
    var header = closest(button, '.app-header');
    if (!targets.length && header) {
      var nav = header.querySelector('.nav');
      if (nav) {
        targets.push(nav);
      }
    }
    if (header && targets.indexOf(header) < 0) {
      targets.push(header);
    }
    return targets;
  }

  function setNavOpen(button, open) {
    navTargets(button).forEach(function (el) {
      if (open) {
        el.setAttribute('data-open', '');
      } else {
        el.removeAttribute('data-open');
      }
    });
    button.setAttribute('aria-expanded', open ? 'true' : 'false');
  }

  Array.prototype.forEach.call(doc.querySelectorAll('.nav-toggle'), function (button) {
    if (!button.hasAttribute('type')) {
      button.setAttribute('type', 'button');
    }
    setNavOpen(button, button.getAttribute('aria-expanded') === 'true');
  });

  doc.addEventListener('click', function (event) {
    var button = closest(event.target, '.nav-toggle');
    if (button) {
      setNavOpen(button, button.getAttribute('aria-expanded') !== 'true');
    }
  });

  doc.addEventListener('keydown', function (event) {
    if (event.key !== 'Escape' && event.key !== 'Esc') {
      return;
    }
    Array.prototype.forEach.call(doc.querySelectorAll('.nav-toggle[aria-expanded="true"]'), function (button) {
      var inside = navTargets(button).some(function (el) {
        return el.contains(doc.activeElement);
      });
      setNavOpen(button, false);
      if (inside || doc.activeElement === button) {
        button.focus();
      }
    });
  });

  /* ---------- (b) confirm + (d) double-submit guard ---------- */
  function submitButtons(form) {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.type === 'submit' && (el.tagName === 'BUTTON' || el.tagName === 'INPUT');
    });
  }

  function releaseForm(form) {
    form.removeAttribute('data-submitting');
    form.removeAttribute('aria-busy');
    submitButtons(form).forEach(function (el) {
      if (el.hasAttribute('data-disabled-on-submit')) {
        el.removeAttribute('data-disabled-on-submit');
        el.disabled = false;
      }
    });
  }

  doc.addEventListener('submit', function (event) {
    var form = event.target;
    if (!form || form.tagName !== 'FORM') {
      return;
    }

    if (form.hasAttribute('data-submitting')) {
      event.preventDefault(); /* second click / Enter while the first is in flight */
      return;
    }

    if (form.hasAttribute('data-confirm') && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
      return;
    }

    if (event.defaultPrevented || form.hasAttribute('data-allow-resubmit')) {
      return;
    }
    var target = (form.getAttribute('target') || '').toLowerCase();
    if (target && target !== '_self') {
      return;
    }

    form.setAttribute('data-submitting', '');
    form.setAttribute('aria-busy', 'true');
    /* Disable after the event has finished dispatching, so the clicked
       button's name=value is still part of the submitted data. */
    window.setTimeout(function () {
      submitButtons(form).forEach(function (el) {
        if (!el.disabled) {
          el.setAttribute('data-disabled-on-submit', '');
          el.disabled = true;
        }
      });
    }, 0);
  });

  window.addEventListener('pageshow', function (event) {
    if (event.persisted) {
      Array.prototype.forEach.call(doc.querySelectorAll('form[data-submitting]'), releaseForm);
    }
  });

  /* ---------- (c) auto-submit selects ---------- */
  doc.addEventListener('change', function (event) {
    var el = event.target;
    if (!el || !el.hasAttribute || !el.hasAttribute('data-autosubmit') || !el.form) {
      return;
    }
    var form = el.form;
    if (typeof form.requestSubmit === 'function') {
      form.requestSubmit(); /* fires 'submit', so (b) and (d) still apply */
    } else {
      var ev;
      if (typeof Event === 'function') {
        ev = new Event('submit', { bubbles: true, cancelable: true });
      } else {
        ev = doc.createEvent('Event');
        ev.initEvent('submit', true, true);
      }
      if (form.dispatchEvent(ev)) {
        form.submit();
      }
    }
  });
})();

/*
 * Home-visit form (templates/visit/form.html):
 *  (e) #visit-form input.income   household income and income per person shown as they type
 *                                 (#household-income, #per-capita-income); amounts are added in
 *                                 satang (whole numbers), so no floating-point display errors.
 *  (f) #use-location              fills the latitude/longitude inputs named by data-lat/data-lon
 *                                 from navigator.geolocation; messages from data-msg-*.
 */
(function () {
  'use strict';

  var doc = document;

  function satang(text) {
    var s = String(text || '').replace(/[,\s]/g, '');
    var m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(s);
    if (!m) {
      return 0;
    }
    return parseInt(m[1], 10) * 100 + (m[2] ? parseInt((m[2] + '0').substring(0, 2), 10) : 0);
  }

  function baht(units) {
    var whole = Math.floor(units / 100);
    var rest = String(units % 100);
    return whole + '.' + (rest.length < 2 ? '0' + rest : rest);
  }

  function recompute(form) {
    var total = 0;
    Array.prototype.forEach.call(form.querySelectorAll('input.income'), function (input) {
      total += satang(input.value);
    });
    var members = form.querySelectorAll('fieldset.member').length;
    var household = doc.getElementById('household-income');
    var perCapita = doc.getElementById('per-capita-income');
    if (household) {
      household.textContent = baht(total);
    }
    if (perCapita) {
      perCapita.textContent = baht(members ? Math.round(total / members) : 0);
    }
  }

  doc.addEventListener('input', function (event) {
    var el = event.target;
    if (el && el.classList && el.classList.contains('income') && el.form && el.form.id === 'visit-form') {
      recompute(el.form);
    }
  });

  doc.addEventListener('click', function (event) {
    var button = event.target && event.target.closest ? event.target.closest('#use-location') : null;
    if (!button) {
      return;
    }
    var status = doc.getElementById(button.getAttribute('data-status'));
    var say = function (text) {
      if (status) {
        status.textContent = text || '';
      }
    };
    if (!navigator.geolocation) {
      say(button.getAttribute('data-msg-error'));
      return;
    }
    say(button.getAttribute('data-msg-busy'));
    navigator.geolocation.getCurrentPosition(function (position) {
      var lat = doc.getElementById(button.getAttribute('data-lat'));
      var lon = doc.getElementById(button.getAttribute('data-lon'));
      if (lat) {
        lat.value = position.coords.latitude.toFixed(6);
      }
      if (lon) {
        lon.value = position.coords.longitude.toFixed(6);
      }
      say(button.getAttribute('data-msg-done'));
    }, function () {
      say(button.getAttribute('data-msg-error'));
    }, { enableHighAccuracy: true, timeout: 20000, maximumAge: 60000 });
  });
})();

/*
 * Out-of-school finding form (templates/outofschool/find.html):
 *  (g) #finding-form   as the birth date, names, id and subdistrict are typed, asks the server
 *                      (form[data-duplicates-url], JSON) for records that may be the same person
 *                      and whether the id is on a school roster, and lists them in #duplicate-offers.
 *                      Without JavaScript the same offers are shown when the form is saved.
 */
(function () {
  'use strict';

  var doc = document;
  var form = doc.getElementById('finding-form');
  if (!form || !window.fetch) {
    return;
  }
  var box = doc.getElementById('duplicate-offers');
  var url = form.getAttribute('data-duplicates-url');
  var watched = ['nationalId', 'firstName', 'lastName', 'birthDate', 'subdistrictCode', 'exclude'];
  var timer = null;
  var last = '';

  function value(name) {
    var el = form.elements[name];
    return el ? String(el.value || '').trim() : '';
  }

  function query() {
    var params = [];
    watched.forEach(function (name) {
      params.push(encodeURIComponent(name) + '=' + encodeURIComponent(value(name)));
    });
    return params.join('&');
  }

  function render(data) {
    var live = doc.getElementById('duplicates-live');
    if (!live) {
      live = doc.createElement('div');
      live.id = 'duplicates-live';
      box.insertBefore(live, box.firstChild);
    }
    live.textContent = '';
    if (data.inSchool && data.inSchoolText) {
      var note = doc.createElement('p');
      note.className = 'alert alert-warning';
      note.id = 'in-school-offer';
      note.textContent = data.inSchoolText;
      live.appendChild(note);
    }
    if (data.duplicates && data.duplicates.length) {
      var wrap = doc.createElement('div');
      wrap.className = 'alert alert-warning';
      wrap.id = 'duplicates-typed';
      var head = doc.createElement('p');
      head.textContent = box.getAttribute('data-heading') || '';
      wrap.appendChild(head);
      var list = doc.createElement('ul');
      list.className = 'plain-list';
      data.duplicates.forEach(function (d) {
        var li = doc.createElement('li');
        li.className = 'duplicate-offer';
        var badge = doc.createElement('span');
        badge.className = 'badge badge-warn';
        badge.textContent = d.rule;
        li.appendChild(badge);
        li.appendChild(doc.createTextNode(' '));
        var text;
        if (d.visible) {
          text = doc.createElement('a');
          text.href = form.getAttribute('data-child-url').replace('{id}', d.id);
        } else {
          text = doc.createElement('span');
        }
        text.textContent = d.text;
        li.appendChild(text);
        list.appendChild(li);
      });
      wrap.appendChild(list);
      var hint = doc.createElement('p');
      hint.className = 'muted';
      hint.textContent = box.getAttribute('data-hint') || '';
      wrap.appendChild(hint);
      live.appendChild(wrap);
    }
  }

  function check() {
    var q = query();
    if (q === last) {
      return;
    }
    last = q;
    fetch(url + '?' + q, { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (data && q === last) {
          render(data);
        }
      })
      .catch(function () { /* offers are a convenience: saving checks again */ });
  }

  function schedule(event) {
    var el = event.target;
    if (!el || !el.name || watched.indexOf(el.name) < 0) {
      return;
    }
    window.clearTimeout(timer);
    timer = window.setTimeout(check, 350);
  }

  form.addEventListener('input', schedule);
  form.addEventListener('change', schedule);
})();
